"""Limits a query worker process puts on itself before it opens the store.

- **No IP sockets** (Linux on x86-64 or AArch64): a seccomp filter makes ``socket()`` fail with
  ``EACCES`` for every address family but ``AF_UNIX``, so no query can reach the network, whatever
  the query checker of :mod:`kg.serve.safety` missed. The pipe to the server is a Unix socket
  pair made before the filter, and stays usable. Installed only when no remote endpoint is
  allow-listed.
- **Memory**: ``RLIMIT_AS`` caps the worker's address space, so a query that builds an enormous
  intermediate result ends its own worker (which the server replaces) instead of the machine.

>>> isinstance(seccomp_supported(), bool)
True
"""

from __future__ import annotations

import ctypes
import platform
import resource
import sys

__all__ = ["deny_network", "limit_memory", "seccomp_supported"]

# seccomp constants (linux/seccomp.h, linux/audit.h, linux/filter.h)
_PR_SET_NO_NEW_PRIVS = 38
_PR_SET_SECCOMP = 22
_SECCOMP_MODE_FILTER = 2
_RET_ALLOW = 0x7FFF0000
_RET_EACCES = 0x00050000 | 13
_LD_W_ABS, _JEQ_K, _JGE_K, _RET_K = 0x20, 0x15, 0x35, 0x06
_X32_BIT = 0x40000000
_AF_UNIX = 1
#: machine → (AUDIT_ARCH_*, __NR_socket)
_ARCH = {"x86_64": (0xC000003E, 41), "aarch64": (0xC00000B7, 198)}


class _Filter(ctypes.Structure):
    _fields_ = [
        ("code", ctypes.c_ushort),
        ("jt", ctypes.c_ubyte),
        ("jf", ctypes.c_ubyte),
        ("k", ctypes.c_uint),
    ]


class _Program(ctypes.Structure):
    _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.POINTER(_Filter))]


def seccomp_supported() -> bool:
    """Whether :func:`deny_network` can work on this platform."""
    return sys.platform == "linux" and platform.machine() in _ARCH


def _program(arch: int, nr_socket: int) -> list[_Filter]:
    return [
        _Filter(_LD_W_ABS, 0, 0, 4),  # seccomp_data.arch
        _Filter(_JEQ_K, 1, 0, arch),
        _Filter(_RET_K, 0, 0, _RET_EACCES),  # another ABI (int 0x80): refuse everything
        _Filter(_LD_W_ABS, 0, 0, 0),  # seccomp_data.nr
        _Filter(_JGE_K, 0, 1, _X32_BIT),
        _Filter(_RET_K, 0, 0, _RET_EACCES),  # the x32 ABI: refuse everything
        _Filter(_JEQ_K, 0, 3, nr_socket),
        _Filter(_LD_W_ABS, 0, 0, 16),  # seccomp_data.args[0]: the address family
        _Filter(_JEQ_K, 1, 0, _AF_UNIX),
        _Filter(_RET_K, 0, 0, _RET_EACCES),
        _Filter(_RET_K, 0, 0, _RET_ALLOW),
    ]


def deny_network() -> bool:
    """Forbid this process (and its threads and children) IP sockets; ``False`` if the platform
    or the kernel does not allow it (nothing is changed then)."""
    if not seccomp_supported():
        return False
    arch, nr_socket = _ARCH[platform.machine()]
    filters = _program(arch, nr_socket)
    array = (_Filter * len(filters))(*filters)
    program = _Program(len(filters), array)
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(_PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0:
        return False
    return bool(libc.prctl(_PR_SET_SECCOMP, _SECCOMP_MODE_FILTER, ctypes.byref(program), 0, 0) == 0)


def limit_memory(megabytes: int) -> None:
    """Cap this process's address space at *megabytes* (0: no cap)."""
    if megabytes <= 0:
        return
    limit = megabytes * 1024 * 1024
    _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
