"""PDF reports laid out with reportlab from rows the domain computed."""
