"""The Dashboard tab: the period's figures, the network's health and the charts."""
