"""Allow ``python -m copkit``."""

from copkit.cli import main

if __name__ == "__main__":
    main()
