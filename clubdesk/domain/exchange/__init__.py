"""Files in and out: member and payment imports, list exports (CSV, Excel), the calendar."""
