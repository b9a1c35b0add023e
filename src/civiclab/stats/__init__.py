"""Analysis core: pure statistics on Polars data, no Django."""
