"""``python -m bench [--quick] [--only NAME] [--record]``."""

from bench.run import main

raise SystemExit(main())
