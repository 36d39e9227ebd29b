"""``python -m aicompare`` runs the command line (same as the ``aicompare`` script)."""
from aicompare.entry import main

if __name__ == "__main__":  # not when a worker process (spawn) imports this module
    main()
