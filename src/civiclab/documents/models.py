"""documents of experiments."""
