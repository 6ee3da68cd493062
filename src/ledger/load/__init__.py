"""Reading files into the models, with every problem found and its position.

``ledger.load.load(root)`` is the entry point; ``yamlparse.parse`` is the one place YAML is read.
"""

from ledger.load.ledger import CONFIG, PROJECTS, UNITS, Loaded, UnitFile, load

__all__ = ["CONFIG", "PROJECTS", "UNITS", "Loaded", "UnitFile", "load"]
