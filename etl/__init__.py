"""news-etl: news web pages -> cleaned, annotated articles -> Elasticsearch faceted search."""

import os

# spaCy's model runs single-threaded; OpenBLAS (numpy's BLAS) started with one thread per core
# nonetheless made `nlp.pipe` 10-20 % slower on the 2-core machine (bench/annotate, OPENBLAS_NUM_THREADS=2
# against the default below). OpenBLAS reads the variable once, when numpy is first imported, which
# no module imports before this package; a value the user sets is kept.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

__version__ = "0.1.0"
