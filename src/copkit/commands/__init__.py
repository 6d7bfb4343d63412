"""One module per command; ``copkit.cli`` only parses arguments and calls them."""
