"""Members: the form's rules, reading and writing one member, the list, history, archive, merge."""
