"""The headless command line. Imports no Qt; heavy libraries only inside the commands that need them."""
