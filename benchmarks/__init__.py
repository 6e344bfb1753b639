"""`python -m kiosk bench`: medians of the kiosk's hot paths, measured in one run."""
