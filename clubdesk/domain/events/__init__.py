"""Events: single and recurring, check-in, guests, proxies and general assemblies."""
