"""Exact round-trip between the model's frozen records and JSON-able data.

Decoding is driven by the dataclass field types (``typing.get_type_hints``), so a field that
another stage adds later (with a default) round-trips without touching this module, and keys
that a newer version stored but this one does not know are ignored (forward compatible).
Decoders are built once per type and cached: decoding thousands of articles is a loop of
prebuilt closures, not repeated type introspection.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import types
import typing
from functools import lru_cache
from typing import Any, Callable, TypeVar

from newsweave.errors import StoreError
from newsweave.model import Article, Entity

T = TypeVar("T")
Decoder = Callable[[Any], Any]

_MISSING = dataclasses.MISSING


def to_data(obj: Any, *, compact: bool = False) -> Any:
    """JSON-able form of a record (or any value made of records, enums, dates and containers).

    ``compact`` leaves out fields equal to their default: smaller stored rows, same round-trip.
    """
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return _encoder(type(obj))(obj, compact)
    return _generic(obj, compact)


def _generic(obj: Any, compact: bool) -> Any:
    """Encode by the value's own type: for fields typed ``Any`` or unions of several types."""
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return _encoder(type(obj))(obj, compact)
    if isinstance(obj, enum.Enum):
        return obj.value
    if isinstance(obj, (dt.date, dt.datetime)):
        return obj.isoformat()
    if isinstance(obj, (tuple, list, frozenset, set)):
        return [_generic(item, compact) for item in obj]
    if isinstance(obj, dict):
        return {_key_data(k): _generic(v, compact) for k, v in obj.items()}
    return obj


def from_data(cls: type[T], data: Any) -> T:
    """The record of type ``cls`` that ``to_data`` turned into ``data``."""
    try:
        return _decoder(cls)(data)
    except (TypeError, ValueError, KeyError, AttributeError) as exc:
        raise StoreError(f"stored {getattr(cls, '__name__', cls)} cannot be decoded: {exc}") from None


def article_from_data(data: dict) -> Article:
    return from_data(Article, data)


def entity_from_data(data: dict) -> Entity:
    return from_data(Entity, data)


# --- encoding helpers ---------------------------------------------------------------------


@lru_cache(maxsize=None)
def _field_defaults(cls: type) -> tuple[tuple[str, Any], ...]:
    """(name, default) of each init field; a default factory is called once to get its value."""
    out = []
    for f in dataclasses.fields(cls):
        if not f.init:
            continue
        if f.default is not _MISSING:
            default = f.default
        elif f.default_factory is not _MISSING:
            default = f.default_factory()
        else:
            default = _MISSING
        out.append((f.name, default))
    return tuple(out)



def _key_data(key: Any) -> str:
    if isinstance(key, enum.Enum):
        return str(key.value)
    return key if isinstance(key, str) else str(key)


Encoder = Callable[[Any, bool], Any]
_PLAIN = frozenset({str, int, float, bool, type(None)})


def _field_encoder(tp: Any) -> Encoder | None:
    """How to encode a value declared as ``tp``; None when it is JSON-able as it is."""
    if tp in _PLAIN:
        return None
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return lambda v, compact: v.value if isinstance(v, enum.Enum) else v
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        return lambda v, compact: _encoder(type(v))(v, compact)
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if origin in (typing.Union, types.UnionType):
        arms = [a for a in args if a is not type(None)]
        if len(arms) != 1:
            return _generic
        inner = _field_encoder(arms[0])
        if inner is None:
            return None
        return lambda v, compact: None if v is None else inner(v, compact)
    if origin in (tuple, list, set, frozenset) and args:
        item = _field_encoder(args[0]) if (origin is not tuple or args[-1] is Ellipsis) else _generic
        if item is None:
            return lambda v, compact: list(v)
        return lambda v, compact: [item(x, compact) for x in v]
    if origin is dict and args:
        value = _field_encoder(args[1])
        if args[0] is str and value is None:
            return lambda v, compact: dict(v)
        return lambda v, compact: {_key_data(k): _generic(x, compact) if value is None else value(x, compact)
                                   for k, x in v.items()}
    return _generic


@lru_cache(maxsize=None)
def _encoder(cls: type) -> Encoder:
    """Encoder of one dataclass, built once from its field types."""
    hints = typing.get_type_hints(cls)
    fields = tuple((name, _field_encoder(hints[name]), default) for name, default in _field_defaults(cls))

    def encode(obj: Any, compact: bool) -> dict:
        out = {}
        for name, encode_field, default in fields:
            value = getattr(obj, name)
            if compact and default is not _MISSING and type(value) is type(default) and value == default:
                continue
            out[name] = value if encode_field is None else encode_field(value, compact)
        return out

    return encode


# --- decoding -----------------------------------------------------------------------------


def _identity(value: Any) -> Any:
    return value


def _to_float(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise TypeError(f"expected a number, got {value!r}")
    return float(value)


_SCALARS: dict[Any, Decoder] = {
    # Stored data was written by to_data: strings, integers and booleans pass as they are
    # (checking each one doubles decoding time); floats need int → float, dates parsing.
    float: _to_float,
    int: _identity,
    str: _identity,
    bool: _identity,
    dt.datetime: dt.datetime.fromisoformat,
    dt.date: dt.date.fromisoformat,
    Any: _identity,
    object: _identity,
    type(None): lambda v: None,
}


@lru_cache(maxsize=None)
def _decoder(tp: Any) -> Decoder:
    """A function turning JSON data into a value of type ``tp``."""
    if tp in _SCALARS:
        return _SCALARS[tp]
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return tp
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        return _dataclass_decoder(tp)
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if origin in (typing.Union, types.UnionType):
        return _union_decoder(args)
    if origin is tuple:
        return _tuple_decoder(args)
    if origin in (list, set, frozenset):
        item = _decoder(args[0]) if args else _identity
        return lambda v: origin(item(x) for x in v)
    if origin is dict:
        key = _decoder(args[0]) if args else _identity
        val = _decoder(args[1]) if args else _identity
        return lambda v: {key(k): val(x) for k, x in v.items()}
    if origin is typing.Literal:
        return _identity
    if tp in (tuple, list, dict, set, frozenset):
        return tp
    raise TypeError(f"no decoder for type {tp!r}")


def _union_decoder(args: tuple) -> Decoder:
    arms = [a for a in args if a is not type(None)]
    optional = len(arms) < len(args)
    if len(arms) == 1:
        inner = _decoder(arms[0])
        if inner is _identity:
            return _identity

        def decode_optional(value: Any) -> Any:
            return None if value is None else inner(value)

        return decode_optional
    decoders = [_decoder(a) for a in arms]

    def decode_union(value: Any) -> Any:
        if value is None and optional:
            return None
        for decode in decoders:
            try:
                return decode(value)
            except (TypeError, ValueError, KeyError):
                continue
        raise TypeError(f"{value!r} matches none of {arms}")

    return decode_union


def _tuple_decoder(args: tuple) -> Decoder:
    if len(args) == 2 and args[1] is Ellipsis:
        item = _decoder(args[0])
        if item is _identity:
            return tuple
        return lambda v: tuple([item(x) for x in v])
    if not args:
        return tuple
    items = [_decoder(a) for a in args]
    return lambda v: tuple(decode(x) for decode, x in zip(items, v, strict=True))


def _dataclass_decoder(cls: type) -> Decoder:
    hints = typing.get_type_hints(cls)
    fields = tuple((name, _decoder(hints[name])) for name, _ in _field_defaults(cls))

    def decode(value: Any) -> Any:
        if not isinstance(value, dict):
            raise TypeError(f"expected an object for {cls.__name__}, got {type(value).__name__}")
        kwargs = {}
        for name, decode_field in fields:
            if name in value:
                item = value[name]
                kwargs[name] = item if decode_field is _identity else decode_field(item)
        return cls(**kwargs)

    return decode
