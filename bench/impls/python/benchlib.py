"""The benchmark library, Python flavour."""


def add(a, b):
    return a + b


def echo(x):
    return x


def shout(s):
    return s.upper() + "!"
