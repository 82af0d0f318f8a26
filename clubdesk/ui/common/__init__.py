"""What every feature of the window uses: row models, table set-up, form dialogs, search field,
background work, prompts, formatting, report preview.
"""
