"""Documents (PDF, ESC/POS) and printer backends with the persistent print queue."""
