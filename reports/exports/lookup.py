"""Finding a directive by the number and symbol people write: "3707/KH-UBND"."""

from django.core.exceptions import ObjectDoesNotExist

from directives.models import Directive


def directive_by_reference(reference: str) -> Directive:
    """The one directive whose number and symbol match. Raises ObjectDoesNotExist (none or
    several: a symbol without number, "/KH-PGDĐT", may name more than one)."""
    number, _slash, symbol = reference.strip().removeprefix("Số:").strip().partition("/")
    matches = list(Directive.objects.filter(number=number.strip(), symbol=symbol.strip())[:2])
    if len(matches) != 1:
        raise ObjectDoesNotExist(reference)
    return matches[0]
