"""The Volunteering tab: hours given, entered one by one or for several members, and the
summary.
"""
