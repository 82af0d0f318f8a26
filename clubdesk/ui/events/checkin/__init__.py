"""Check-in: who came to an event, guests, proxies and substitutes, with the keyboard."""
