"""The PLOVER/CAMEO table: every type reachable, codes fall back to their parents."""

from __future__ import annotations

import pytest

from detente import ontology


def test_every_plover_type_has_a_default_code_of_that_type() -> None:
    for plover_type in ontology.PLOVER_TYPES:
        code = ontology.lookup(ontology.DEFAULT_CAMEO[plover_type])
        assert code.type == plover_type, plover_type


def test_consult_modes_map_to_their_cameo_codes() -> None:
    assert ontology.cameo_for("CONSULT", "phone") == "041"
    assert ontology.lookup("044").mode == "third-party"
    assert ontology.lookup("041").quad_class == 1


def test_unknown_subcodes_fall_back_and_nonsense_raises() -> None:
    assert ontology.lookup("0419").cameo == "041"
    assert ontology.lookup("190").goldstein == -10.0
    with pytest.raises(KeyError):
        ontology.lookup("999")
