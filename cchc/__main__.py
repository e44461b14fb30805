"""``python -m cchc``: the same as the ``cchc`` command."""

import sys

from cchc.cli.main import main

sys.exit(main())
