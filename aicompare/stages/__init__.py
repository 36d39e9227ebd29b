"""Stage writers: each stage's tables (from the analysis modules) and figures (from :mod:`aicompare.figures`)
written to disk. They sit above both layers — analyses never import figures, figures never write tables —
and are what the command line and ``aicompare all`` call."""
