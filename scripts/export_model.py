"""The exporter under its short name: `python -m scripts.export_model HF_DIR OUT_BUNDLE [...]` is
`attnmap export HF_DIR OUT_BUNDLE [...]` (scripts/models/export_model.py)."""
import sys

from scripts.models.export_model import main

if __name__ == "__main__":
    sys.exit(main())
