"""civiclab: the working tool of a democratic innovation lab."""
