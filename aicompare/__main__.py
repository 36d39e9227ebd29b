"""``python -m aicompare`` runs the command line (same as the ``aicompare`` script)."""
from aicompare.entry import main

main()
