"""``python -m cchc``: the same as the ``cchc`` command (Ctrl-C here too: one line, 130)."""

import sys

try:
    from cchc.cli.main import main
except KeyboardInterrupt:  # the few lines of the entry itself
    print("\ncchc: đã dừng theo yêu cầu (interrupted)", file=sys.stderr)
    sys.exit(130)

sys.exit(main())
