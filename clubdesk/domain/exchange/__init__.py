"""Files in and out: member imports, list exports (CSV, Excel), the calendar."""
