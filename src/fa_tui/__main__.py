"""`python -m fa_tui` entry point."""

from fa_tui.entry import main

if __name__ == "__main__":
    main()
