"""The demo lab: a realistic French democratic-innovation lab to try civiclab on."""
