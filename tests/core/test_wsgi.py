"""The production entry point."""

import subprocess
import sys


def test_the_views_are_imported_when_the_web_process_starts():
    probe = (
        "import sys; import civiclab.wsgi; "
        "assert 'civiclab.analysis.views' in sys.modules, 'views wait for the first request'; "
        "assert 'civiclab.collection.views_answering' in sys.modules"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-2000:]
