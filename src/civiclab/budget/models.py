"""budget of experiments."""
