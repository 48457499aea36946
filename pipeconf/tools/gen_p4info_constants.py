#!/usr/bin/env python3
"""Generate P4InfoConstants.java from a P4Info file in protobuf text format.

P4 entity names reach the Java pipeconf only through this generated class, never as
string literals. Naming follows ONOS's onos-gen-p4-constants: the fully qualified P4
name upper-snake-cased with '.' -> '_' (IngressPipeImpl.vrf_fib.vrf_fib ->
INGRESS_PIPE_IMPL_VRF_FIB_VRF_FIB); match fields get an HDR_ prefix; action params and
packet metadata are named by their short name, deduplicated.

Usage: gen_p4info_constants.py P4INFO_TXT OUTPUT_JAVA [--package PKG] [--class NAME]
Standard library only: the text format P4Info uses is regular enough for a small
tokenizer.
"""

import argparse
import re
import sys

TOKEN_RE = re.compile(r'''
    (?P<ws>\s+|\#[^\n]*)
  | (?P<string>"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')
  | (?P<punct>[{}<>:\[\],;])
  | (?P<word>[A-Za-z0-9_.+\-]+)
''', re.VERBOSE)

CLOSING = {'{': '}', '<': '>'}


class P4InfoError(Exception):
    """The P4Info text cannot be parsed or yields clashing Java names."""


def tokenize(text):
    pos = 0
    tokens = []
    while pos < len(text):
        m = TOKEN_RE.match(text, pos)
        if not m:
            line = text.count('\n', 0, pos) + 1
            raise P4InfoError('line %d: unexpected character %r' % (line, text[pos]))
        pos = m.end()
        if m.lastgroup != 'ws':
            tokens.append((m.lastgroup, m.group()))
    return tokens


def unquote(literal):
    body = literal[1:-1]
    return re.sub(r'\\(.)', lambda m: {'n': '\n', 't': '\t'}.get(m.group(1), m.group(1)), body)


class Parser:
    """Text format -> dict of field name -> list of values (str or nested dict)."""

    def __init__(self, tokens):
        self.tokens = tokens
        self.pos = 0

    def peek(self):
        return self.tokens[self.pos] if self.pos < len(self.tokens) else (None, None)

    def take(self, expected=None):
        kind, value = self.peek()
        if kind is None or (expected is not None and value != expected):
            raise P4InfoError('expected %r, found %r' % (expected or 'a token', value))
        self.pos += 1
        return kind, value

    def message(self, closing=None):
        fields = {}
        while True:
            kind, value = self.peek()
            if kind is None:
                if closing is not None:
                    raise P4InfoError('missing %r' % closing)
                return fields
            if value == closing:
                self.pos += 1
                return fields
            if kind != 'word':
                raise P4InfoError('expected a field name, found %r' % value)
            self.pos += 1
            fields.setdefault(value, []).extend(self.field_value())
            if self.peek()[1] in (',', ';'):
                self.pos += 1

    def field_value(self):
        if self.peek()[1] == ':':
            self.pos += 1
        kind, value = self.peek()
        if value in CLOSING:
            self.pos += 1
            return [self.message(CLOSING[value])]
        if value == '[':
            self.pos += 1
            values = []
            while self.peek()[1] != ']':
                values.extend(self.field_value())
                if self.peek()[1] == ',':
                    self.pos += 1
            self.pos += 1
            return values
        if kind == 'string':
            parts = []
            while self.peek()[0] == 'string':
                parts.append(unquote(self.take()[1]))
            return [''.join(parts)]
        return [self.take()[1]]


def parse_p4info(text):
    return Parser(tokenize(text)).message()


def upper_snake(name):
    s = re.sub(r'(.)([A-Z][a-z]+)', r'\1_\2', name)
    s = re.sub(r'([a-z0-9])([A-Z])', r'\1_\2', s)
    # '.' and the brackets of stacked or sliced fields ('[0]', '[4:0]') become '_'.
    s = re.sub(r'[^A-Za-z0-9_]+$', '', s)
    return re.sub(r'[^A-Za-z0-9_]+', '_', s).upper()


def preamble_names(p4info, entity):
    return [e['preamble'][0]['name'][0] for e in p4info.get(entity, [])]


def sections(p4info):
    """[(comment, Java type, {P4 name: constant}, {int constant: value})], in output order."""
    def width_of(widths, const, name, what, value):
        if widths.setdefault(const, value) != value:
            raise P4InfoError('%s %s has two widths' % (what, name))

    match_fields = {}
    field_widths = {}
    for table in p4info.get('tables', []):
        for field in table.get('match_fields', []):
            name = field['name'][0]
            const = upper_snake(name)
            const = const if const.startswith('HDR_') else 'HDR_' + const
            match_fields[name] = const
            width_of(field_widths, const, name, 'match field', int(field['bitwidth'][0]))
    params = {}
    param_widths = {}
    for action in p4info.get('actions', []):
        for param in action.get('params', []):
            const = upper_snake(param['name'][0])
            params[param['name'][0]] = const
            width_of(param_widths, const, param['name'][0], 'action parameter', int(param['bitwidth'][0]))
    packet_metadata = {}
    widths = {}
    # A name used for a match field, a parameter and packet metadata must mean one width.
    for header in p4info.get('controller_packet_metadata', []):
        for field in header.get('metadata', []):
            name = field['name'][0]
            const = upper_snake(name)
            width = int(field['bitwidth'][0])
            if widths.setdefault(const, width) != width:
                raise P4InfoError('packet metadata %s has two widths' % name)
            packet_metadata[name] = const

    def qualified(entity):
        return {name: upper_snake(name) for name in preamble_names(p4info, entity)}

    meters = qualified('meters')
    meters.update(qualified('direct_meters'))
    return [
        ('Header field IDs', 'PiMatchFieldId', match_fields,
         {c + '_BITWIDTH': w for c, w in field_widths.items()}),
        ('Table IDs', 'PiTableId', qualified('tables'), {}),
        ('Indirect Counter IDs', 'PiCounterId', qualified('counters'), {}),
        ('Direct Counter IDs', 'PiCounterId', qualified('direct_counters'), {}),
        ('Action IDs', 'PiActionId', qualified('actions'), {}),
        ('Action Param IDs', 'PiActionParamId', params,
         {c + '_BITWIDTH': w for c, w in param_widths.items()}),
        ('Action Profile IDs', 'PiActionProfileId', qualified('action_profiles'), {}),
        ('Meter IDs', 'PiMeterId', meters, {}),
        ('Packet Metadata IDs', 'PiPacketMetadataId', packet_metadata,
         {c + '_BITWIDTH': w for c, w in widths.items()}),
    ]


def check_names(all_sections):
    seen = {}
    for _, java_type, names, ints in all_sections:
        entries = [(c, (java_type, n)) for n, c in names.items()]
        entries += [(c, ('int', w)) for c, w in ints.items()]
        for const, value in entries:
            if not re.match(r'^[A-Za-z_$][A-Za-z0-9_$]*$', const):
                raise P4InfoError('%r is not a Java identifier' % const)
            if seen.setdefault(const, value) != value:
                raise P4InfoError('%s would name both %s "%s" and %s "%s"'
                                  % ((const,) + seen[const] + value))


def declaration(java_type, const, initializer):
    line = '    public static final %s %s = %s;' % (java_type, const, initializer)
    if len(line) <= 80:
        return line
    return '    public static final %s %s =\n            %s;' % (java_type, const, initializer)


def generate_java(p4info, package, class_name, source_name):
    all_sections = sections(p4info)
    check_names(all_sections)
    used = sorted({java_type for _, java_type, names, _ in all_sections if names})
    out = ['// Generated by pipeconf/tools/gen_p4info_constants.py from %s; do not edit.'
           % source_name,
           '',
           'package %s;' % package,
           '']
    out += ['import org.onosproject.net.pi.model.%s;' % t for t in used]
    out += ['',
            '/**',
            ' * Names of the tables, actions, counters and other entities of the P4 pipeline.',
            ' */',
            'public final class %s {' % class_name,
            '',
            '    // hide default constructor',
            '    private %s() {' % class_name,
            '    }',
            '']
    for comment, java_type, names, ints in all_sections:
        if not names:
            continue
        out.append('    // %s' % comment)
        for name, const in sorted(names.items(), key=lambda item: item[1]):
            out.append(declaration(java_type, const, '%s.of("%s")' % (java_type, name)))
            if const + '_BITWIDTH' in ints:
                out.append(declaration('int', const + '_BITWIDTH', str(ints[const + '_BITWIDTH'])))
    out.append('}')
    return '\n'.join(out) + '\n'


def main(argv):
    args = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    args.add_argument('p4info', help='P4Info in protobuf text format (p4info.txt)')
    args.add_argument('output', help='Java file to write')
    args.add_argument('--package', default='org.p4vpn.pipeconf')
    args.add_argument('--class', dest='class_name', default='P4InfoConstants')
    opts = args.parse_args(argv)
    try:
        with open(opts.p4info, encoding='utf-8') as f:
            p4info = parse_p4info(f.read())
        java = generate_java(p4info, opts.package, opts.class_name, 'p4info.txt')
    except (OSError, P4InfoError) as e:
        print('gen_p4info_constants: %s: %s' % (opts.p4info, e), file=sys.stderr)
        return 1
    with open(opts.output, 'w', encoding='utf-8') as f:
        f.write(java)
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
