"""What every part of the domain uses: dates, text, amounts, files, labels, settings, limits."""
