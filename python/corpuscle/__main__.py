"""``python -m corpuscle``: the same as the ``corpuscle`` command."""

import sys

from corpuscle.cli import main

sys.exit(main())
