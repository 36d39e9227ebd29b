"""The figures layer: every chart of the package, its colours, wording and export.

* :mod:`~aicompare.figures.style` — colours and the common layout (:func:`apply_style`);
* :mod:`~aicompare.figures.export` — deterministic HTML/PNG/SVG files (:func:`save_figure`), the static-export
  check with its time limit, deferred export and :func:`show` for notebooks;
* :mod:`~aicompare.figures.wording` — all Japanese/English figure text, from ``wording.csv``
  (:func:`~aicompare.figures.wording.text`), and the one language check (:func:`check_lang`);
* one module per analysis: :mod:`extract` (evidence per value), :mod:`survey` (the 2022 review),
  :mod:`coverage` (the business guideline), :mod:`compare` (overseas comparison), :mod:`cluster`.

Figures import the analyses (for their tables and labels), never the reverse; the writers that put tables and
figures on disk live in :mod:`aicompare.stages`. Nothing here imports the command line.
This ``__init__`` imports nothing, so ``aicompare.figures.wording`` loads without plotly.
"""
