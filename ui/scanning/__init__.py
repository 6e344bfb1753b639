"""The scanner service's Qt layer: keyboard bursts and serial lines to the screen that takes scans."""
