# Copyright 2026 hr_pop authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""hr_pop installs like any OCA addon: `make wheel` (tools/build_wheel.sh) builds an
odoo-addon-hr_pop wheel with whool, and `pip install` puts it at odoo.addons.hr_pop,
where Odoo finds and imports it without the project on the addons path."""

import os
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TIMEOUT = 900  # seconds; pip fetches whool for its isolated build


def _run(args, **kwargs):
    result = subprocess.run(
        args, capture_output=True, text=True, timeout=TIMEOUT, check=False, **kwargs
    )
    assert result.returncode == 0, f"{args}:\n{result.stdout}\n{result.stderr}"
    return result.stdout


def test_the_wheel_installs_at_odoo_addons_hr_pop(tmp_path):
    out = _run(["bash", str(ROOT / "tools/build_wheel.sh"), str(tmp_path / "dist")])
    [wheel] = [Path(line) for line in out.split() if line.endswith(".whl")]
    assert wheel.name.startswith("odoo_addon_hr_pop-18.0.")
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        metadata = next(
            archive.read(name).decode()
            for name in names
            if name.endswith(".dist-info/METADATA")
        )
    assert "odoo/addons/hr_pop/__manifest__.py" in names
    assert "odoo/addons/hr_pop/i18n/nl.po" in names
    assert "Requires-Dist: odoo==18.0.*" in metadata
    # Installed by pip (no Odoo from the index here: --no-deps), then imported from
    # there by Odoo's own package, with nothing of the project on the path.
    site = tmp_path / "site"
    _run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--no-deps",
            "--quiet",
            "--target",
            str(site),
            str(wheel),
        ]
    )
    script = (
        "import odoo.addons.hr_pop as addon, odoo.modules.module as module;"
        "print(addon.__file__);"
        "print(module.get_manifest('hr_pop')['name'])"
    )
    env = dict(
        os.environ, PYTHONPATH=os.pathsep.join([os.environ["ODOO_SRC"], str(site)])
    )
    printed = _run([sys.executable, "-c", script], env=env, cwd=tmp_path).splitlines()
    assert printed[0] == str(site / "odoo/addons/hr_pop/__init__.py")
    assert printed[1] == "Personal Development Plans (POP)"
