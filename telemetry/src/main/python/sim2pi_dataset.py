#!/usr/bin/env python3
"""Read a sim2pi telemetry dataset (DATA/<robot>/<session>/) into NumPy arrays.

Needs Python 3.8+ and NumPy only: the Protocol Buffers messages of sim2pi_telemetry.proto (stored
in every dataset) are decoded here, so neither protoc nor the protobuf package is needed.

    python3 sim2pi_dataset.py data/robot-1/session-1            # summary
    python3 sim2pi_dataset.py data/robot-1/session-1 --json     # summary as JSON

    from sim2pi_dataset import read_dataset
    ds = read_dataset("data/robot-1/session-1")
    ds.observation            # float32 [frames, observation size], ordered by sequence
    ds.names["observation"]   # channel names from the session's announcement
    ds.t_seconds              # seconds since the first frame
    ds.bad_records, ds.torn   # damaged records skipped, torn tail skipped

Each record of frames.log is [uint32 length][uint32 CRC-32C][payload], little endian, after the
8-byte magic "S2PLOG1\\n". A record whose checksum fails is skipped and counted, and reading goes on
at the next record whose length and checksum hold (as the Java reader does); bytes after the last
good record are a torn tail (a crash while writing). Frames are ordered by sequence number and
duplicates (several recorders' outputs copied together) are dropped and counted.
"""
import json
import struct
import sys

import numpy as np

MAGIC = b"S2PLOG1\n"
MAX_RECORD_BYTES = 64 << 20


def _crc32c_table():
    table = []
    for i in range(256):
        c = i
        for _ in range(8):
            c = (c >> 1) ^ 0x82F63B78 if c & 1 else c >> 1
        table.append(c)
    return table


_TABLE = _crc32c_table()


def crc32c(data):
    """CRC-32C (Castagnoli), as java.util.zip.CRC32C computes it."""
    c = 0xFFFFFFFF
    table = _TABLE
    for b in data:
        c = table[(c ^ b) & 0xFF] ^ (c >> 8)
    return c ^ 0xFFFFFFFF


try:  # a C implementation, if one happens to be installed, is ~100x faster
    from crc32c import crc32c as crc32c  # noqa: F811
except ImportError:
    pass


def _record_at(data, pos):
    if len(data) - pos < 8:
        return None
    length, expected = struct.unpack_from("<iI", data, pos)
    if length < 0 or length > MAX_RECORD_BYTES or len(data) - pos - 8 < length:
        return None
    payload = bytes(data[pos + 8:pos + 8 + length])
    return payload if crc32c(payload) == expected else None


def records(path):
    """The payloads of the valid records of a .log file, and (bad_records, torn)."""
    with open(path, "rb") as f:
        data = f.read()
    if data[:8] != MAGIC:
        raise ValueError("%s: not a sim2pi log (expected the magic S2PLOG1)" % path)
    out, bad, pos = [], 0, 8
    while pos < len(data):
        payload = _record_at(data, pos)
        if payload is not None:
            out.append(payload)
            pos += 8 + len(payload)
            continue
        nxt = pos + 1
        while nxt + 8 <= len(data) and _record_at(data, nxt) is None:
            nxt += 1
        if nxt + 8 > len(data):
            return out, bad, True
        bad += 1
        pos = nxt
    return out, bad, False


# ---- Protocol Buffers wire format, for the messages of sim2pi_telemetry.proto ----

def _varint(buf, pos):
    result = shift = 0
    while True:
        b = buf[pos]
        pos += 1
        result |= (b & 0x7F) << shift
        if b < 0x80:
            return result, pos
        shift += 7


def _fields(buf):
    """(field number, wire type, value) of each field; length-delimited values are bytes."""
    pos = 0
    while pos < len(buf):
        key, pos = _varint(buf, pos)
        number, wire = key >> 3, key & 7
        if wire == 0:
            value, pos = _varint(buf, pos)
        elif wire == 1:
            value, pos = buf[pos:pos + 8], pos + 8
        elif wire == 2:
            n, pos = _varint(buf, pos)
            value, pos = buf[pos:pos + n], pos + n
        elif wire == 5:
            value, pos = buf[pos:pos + 4], pos + 4
        else:
            raise ValueError("unsupported wire type %d" % wire)
        yield number, wire, value


def _signed64(v):
    return v - (1 << 64) if v >= 1 << 63 else v


def _packed_varints(buf):
    out, pos = [], 0
    while pos < len(buf):
        v, pos = _varint(buf, pos)
        out.append(_signed64(v))
    return out


FLOAT_FIELDS = {3: "sensors", 4: "observation", 5: "policy_output", 6: "command"}


def parse_frame(buf):
    """A Frame message as a dict."""
    f = {"timestamp_nanos": 0, "sequence": 0, "safety_flags": 0, "start_lateness_nanos": 0, "stage_nanos": []}
    for name in FLOAT_FIELDS.values():
        f[name] = []
    for number, wire, value in _fields(buf):
        if number == 1:
            f["timestamp_nanos"] = _signed64(value)
        elif number == 2:
            f["sequence"] = value
        elif number in FLOAT_FIELDS:
            if wire == 2:
                f[FLOAT_FIELDS[number]].extend(struct.unpack("<%df" % (len(value) // 4), value))
            else:
                f[FLOAT_FIELDS[number]].append(struct.unpack("<f", value)[0])
        elif number == 7:
            f["safety_flags"] = value
        elif number == 8:
            f["stage_nanos"].extend(_packed_varints(value) if wire == 2 else [_signed64(value)])
        elif number == 9:
            f["start_lateness_nanos"] = _signed64(value)
    return f


def _layout(buf):
    names, units = [], []
    for number, _, value in _fields(buf):
        if number == 1:
            name = unit = ""
            for n, _, v in _fields(value):
                if n == 1:
                    name = v.decode("utf-8")
                elif n == 2:
                    unit = v.decode("utf-8")
            names.append(name)
            units.append(unit)
    return names, units


def parse_announcement(buf):
    """A SessionAnnouncement message as a dict (the layouts as name and unit lists)."""
    a = {"stage_names": [], "safety_flag_names": []}
    strings = {2: "robot_id", 3: "session_id", 4: "task_id", 14: "policy_id"}
    layouts = {7: "sensors", 8: "observation", 9: "actions"}
    for number, _, value in _fields(buf):
        if number in strings:
            a[strings[number]] = value.decode("utf-8")
        elif number in layouts:
            a[layouts[number]], a[layouts[number] + "_units"] = _layout(value)
        elif number == 1:
            a["schema_version"] = value
        elif number == 5:
            a["task_version"] = value
        elif number == 6:
            a["control_rate_hz"] = struct.unpack("<d", value)[0]
        elif number == 10:
            a["stage_names"].append(value.decode("utf-8"))
        elif number == 11:
            a["safety_flag_names"].append(value.decode("utf-8"))
        elif number == 12:
            a["started_unix_millis"] = _signed64(value)
        elif number == 13:
            a["started_monotonic_nanos"] = _signed64(value)
    return a


class Dataset:
    """Frames of one session as arrays ordered by sequence, with the announced channel names."""

    def __init__(self, frames, announcement, bad_records, torn, duplicates):
        self.announcement = announcement
        self.bad_records = bad_records
        self.torn = torn
        self.duplicates = duplicates
        self.sequence = np.array([f["sequence"] for f in frames], dtype=np.uint64)
        self.timestamp_nanos = np.array([f["timestamp_nanos"] for f in frames], dtype=np.int64)
        self.t_seconds = (self.timestamp_nanos - (self.timestamp_nanos[0] if len(frames) else 0)) * 1e-9
        for name in FLOAT_FIELDS.values():
            width = max((len(f[name]) for f in frames), default=0)
            setattr(self, name, np.array([f[name] for f in frames], dtype=np.float32).reshape(len(frames), width))
        self.safety_flags = np.array([f["safety_flags"] for f in frames], dtype=np.uint32)
        self.start_lateness_nanos = np.array([f["start_lateness_nanos"] for f in frames], dtype=np.int64)
        stages = max((len(f["stage_nanos"]) for f in frames), default=0)
        self.stage_nanos = np.array([f["stage_nanos"] for f in frames], dtype=np.int64).reshape(len(frames), stages)
        a = announcement or {}
        self.names = {"sensors": a.get("sensors", []), "observation": a.get("observation", []),
                      "policy_output": a.get("actions", []), "command": a.get("actions", [])}
        if len(frames):
            span = int(self.sequence[-1]) - int(self.sequence[0]) + 1
            self.missing = span - len(frames)
        else:
            self.missing = 0

    def __len__(self):
        return len(self.sequence)

    def summary(self):
        a = self.announcement or {}
        return {"frames": len(self), "first_sequence": int(self.sequence[0]) if len(self) else None,
                "last_sequence": int(self.sequence[-1]) if len(self) else None, "missing": self.missing,
                "duplicates": self.duplicates, "bad_records": self.bad_records, "torn": self.torn,
                "task": a.get("task_id"), "robot": a.get("robot_id"), "session": a.get("session_id"),
                "observation": self.names["observation"],
                "sequence_sorted": bool(np.all(np.diff(self.sequence.astype(np.int64)) > 0)) if len(self) else True}


def read_dataset(path):
    """Reads DATA/<robot>/<session>/: frames.log (checked, ordered by sequence) and session.log."""
    path = path.rstrip("/") + "/"
    payloads, bad, torn = records(path + "frames.log")
    by_sequence = {}
    duplicates = 0
    for p in payloads:
        f = parse_frame(p)
        if f["sequence"] in by_sequence:
            duplicates += 1
        else:
            by_sequence[f["sequence"]] = f
    frames = [by_sequence[s] for s in sorted(by_sequence)]
    announcement = None
    try:
        announced, _, _ = records(path + "session.log")
        if announced:
            announcement = parse_announcement(announced[0])
    except FileNotFoundError:
        pass
    return Dataset(frames, announcement, bad, torn, duplicates)


def main(argv):
    if len(argv) < 2 or argv[1] in ("-h", "--help"):
        print(__doc__.strip())
        return 0 if len(argv) >= 2 else 2
    ds = read_dataset(argv[1])
    s = ds.summary()
    if "--json" in argv:
        print(json.dumps(s))
    else:
        print(" ".join("%s=%s" % (k, v) for k, v in s.items() if k != "observation"))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
