package dev.stowage.jcache.configuration;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * One node of a configuration file: a mapping, a sequence, a scalar or nothing ({@code ~}, or a key
 * with no value), with the dotted path of its key and its line, so that every error can name the
 * file, the line, the key and the value. Scalars keep the text as written and the text after
 * {@link Substitution}. Built by SnakeYAML's composer only: no object is ever constructed from the
 * file, and YAML tags are refused. Map keys are never split on dots. Immutable and thread-safe.
 */
final class YamlNode {

    /** What a node is. */
    enum Kind {
        /** Key-value pairs, in file order. */
        MAPPING,
        /** A list. */
        SEQUENCE,
        /** A single value. */
        SCALAR,
        /** {@code ~}, {@code null}, or nothing written. */
        NULL
    }

    /** The tags that plain YAML resolves to; any other (e.g. {@code !!set}, {@code !custom}) is refused. */
    private static final Set<Tag> PLAIN_TAGS = Set.of(Tag.STR, Tag.INT, Tag.BOOL, Tag.FLOAT, Tag.NULL,
            Tag.TIMESTAMP, Tag.MAP, Tag.SEQ);

    private final String source;
    private final String path;
    private final int line;
    private final Kind kind;
    private final String written;
    private final String text;
    private final Map<String, YamlNode> entries;
    private final List<YamlNode> items;

    private YamlNode(String source, String path, int line, Kind kind, String written, String text,
            Map<String, YamlNode> entries, List<YamlNode> items) {
        this.source = source;
        this.path = path;
        this.line = line;
        this.kind = kind;
        this.written = written;
        this.text = text;
        this.entries = entries;
        this.items = items;
    }

    /**
     * Parses a YAML document into nodes.
     *
     * @param yaml the document, not {@code null}
     * @param source the file's name for messages, not {@code null}
     * @param substitution replaces variables in scalar values, not {@code null}
     * @return the root node; {@link Kind#NULL} for an empty document
     * @throws ConfigurationException if the text is not a single YAML document, uses tags or merge
     *     keys, repeats a key, has a non-scalar key, or a variable cannot be substituted
     */
    static YamlNode parse(String yaml, String source, Substitution substitution) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setAllowRecursiveKeys(false);
        Node root;
        try {
            root = new Yaml(new SafeConstructor(options)).compose(new StringReader(yaml));
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String hint = String.valueOf(e.getProblem()).startsWith("mapping values are not allowed")
                    ? " (a value ending in ':' needs quotes or a '/': store: \"memory:\" or store: memory:/)" : "";
            throw new ConfigurationException(source, mark == null ? 0 : mark.getLine() + 1, "",
                    "is not valid YAML: " + e.getProblem() + hint, e);
        } catch (YAMLException e) {
            throw new ConfigurationException(source, 0, "", "is not valid YAML: " + e.getMessage(), e);
        }
        if (root == null) {
            return new YamlNode(source, "", 0, Kind.NULL, "", "", Map.of(), List.of());
        }
        return of(root, source, "", substitution);
    }

    private static YamlNode of(Node node, String source, String path, Substitution substitution) {
        int line = node.getStartMark() == null ? 0 : node.getStartMark().getLine() + 1;
        Tag tag = node.getTag();
        if (node instanceof ScalarNode scalar) {
            if (tag.equals(Tag.NULL)) {
                return new YamlNode(source, path, line, Kind.NULL, scalar.getValue(), "", Map.of(), List.of());
            }
            requireStandardTag(scalar, source, path, line);
            String written = scalar.getValue();
            String text;
            try {
                text = substitution.apply(written);
            } catch (IllegalArgumentException e) {
                throw new ConfigurationException(source, line, path, "'" + written + "': " + e.getMessage(), e);
            }
            return new YamlNode(source, path, line, Kind.SCALAR, written, text, Map.of(), List.of());
        }
        requireStandardTag(node, source, path, line);
        if (node instanceof SequenceNode sequence) {
            List<YamlNode> items = new ArrayList<>();
            for (Node item : sequence.getValue()) {
                items.add(of(item, source, path + "[" + items.size() + "]", substitution));
            }
            return new YamlNode(source, path, line, Kind.SEQUENCE, "", "", Map.of(), Collections.unmodifiableList(items));
        }
        MappingNode mapping = (MappingNode) node;
        Map<String, YamlNode> entries = new LinkedHashMap<>();
        for (NodeTuple tuple : mapping.getValue()) {
            Node keyNode = tuple.getKeyNode();
            int keyLine = keyNode.getStartMark() == null ? line : keyNode.getStartMark().getLine() + 1;
            if (!(keyNode instanceof ScalarNode keyScalar) || keyNode.getTag().equals(Tag.NULL)) {
                throw new ConfigurationException(source, keyLine, path, "has a key that is not a plain name", null);
            }
            String key = keyScalar.getValue();
            String childPath = child(path, key);
            if (key.equals("<<")) {
                throw new ConfigurationException(source, keyLine, childPath,
                        "YAML merge keys are not supported; put shared settings under 'defaults'", null);
            }
            if (entries.containsKey(key)) {
                throw new ConfigurationException(source, keyLine, childPath, "'" + key + "' is given twice", null);
            }
            entries.put(key, of(tuple.getValueNode(), source, childPath, substitution));
        }
        return new YamlNode(source, path, line, Kind.MAPPING, "", "", Collections.unmodifiableMap(entries), List.of());
    }

    private static void requireStandardTag(Node node, String source, String path, int line) {
        if (!PLAIN_TAGS.contains(node.getTag())) {
            throw new ConfigurationException(source, line, path, "the tag '" + node.getTag().getValue()
                    + "' is not supported", null);
        }
    }

    /** Appends a key to a path, quoting keys that hold dots, spaces, brackets or quotes. */
    static String child(String path, String key) {
        boolean plain = key.matches("[A-Za-z0-9_$-]+");
        String segment = plain ? key : "[\"" + key.replace("\"", "\\\"") + "\"]";
        if (path.isEmpty()) {
            return segment;
        }
        return plain ? path + "." + segment : path + segment;
    }

    /**
     * Returns what this node is.
     *
     * @return the kind
     */
    Kind kind() {
        return kind;
    }

    /**
     * Returns the dotted path of this node's key.
     *
     * @return the path, empty for the root
     */
    String path() {
        return path;
    }

    /**
     * Returns where this node is: {@code <file>:<line>: <path>}.
     *
     * @return the location, for messages
     */
    String location() {
        return ConfigurationException.location(source, line, path);
    }

    /**
     * Returns a scalar's text as written, before substitution (safe to show: secrets come from
     * variables).
     *
     * @return the text; empty for other kinds
     */
    String written() {
        return written;
    }

    /**
     * Returns a scalar's text after substitution.
     *
     * @return the text; empty for other kinds
     */
    String text() {
        return text;
    }

    /**
     * Returns a mapping's entries in file order.
     *
     * @return the entries, unmodifiable; empty for other kinds
     */
    Map<String, YamlNode> entries() {
        return entries;
    }

    /**
     * Returns a sequence's items.
     *
     * @return the items, unmodifiable; empty for other kinds
     */
    List<YamlNode> items() {
        return items;
    }

    /**
     * Returns the entry {@code key} of this mapping.
     *
     * @param key the key, not {@code null}
     * @return the entry, or {@code null} when absent or set to nothing
     */
    YamlNode get(String key) {
        YamlNode entry = entries.get(key);
        return entry == null || entry.kind == Kind.NULL ? null : entry;
    }

    /**
     * Describes the value for a message: a scalar as written in quotes (with what it became after
     * substitution, unless {@code secret}), or its kind.
     *
     * @param secret whether the substituted text may hold a secret and must not be shown
     * @return the description
     */
    String describe(boolean secret) {
        return switch (kind) {
            case SCALAR -> "'" + written + "'" + (secret || written.equals(text) ? "" : " (= '" + text + "')");
            case MAPPING -> "a mapping";
            case SEQUENCE -> "a list";
            case NULL -> "nothing";
        };
    }

    /**
     * Makes the error for this node's value: {@code <file>:<line>: <path>: '<value>' <problem>}.
     *
     * @param problem what is wrong with the value, e.g. {@code "is not a duration"}
     * @return the exception, for the caller to throw
     */
    ConfigurationException fail(String problem) {
        return fail(problem, null);
    }

    /**
     * Makes the error for this node's value with its cause.
     *
     * @param problem what is wrong with the value
     * @param cause the underlying failure, or {@code null}
     * @return the exception, for the caller to throw
     */
    ConfigurationException fail(String problem, Throwable cause) {
        return new ConfigurationException(source, line, path, describe(false) + " " + problem, cause);
    }

    /**
     * Makes the error for a value that may hold a secret after substitution (a store URI with a
     * password): the value is shown only as written.
     *
     * @param problem what is wrong with the value
     * @param cause the underlying failure, or {@code null}
     * @return the exception, for the caller to throw
     */
    ConfigurationException failSecret(String problem, Throwable cause) {
        return new ConfigurationException(source, line, path, describe(true) + " " + problem, cause);
    }

    /**
     * Makes an error about this node as a whole, not its value, e.g. a missing companion key.
     *
     * @param problem the full problem statement
     * @return the exception, for the caller to throw
     */
    ConfigurationException failHere(String problem) {
        return new ConfigurationException(source, line, path, problem, null);
    }

    /**
     * Requires this node to be a mapping (or nothing, read as an empty mapping) whose keys are all
     * in {@code known}.
     *
     * @param known the keys this mapping may hold
     * @return this node
     * @throws ConfigurationException naming the first unknown key with its value, and the known keys
     */
    YamlNode requireMapping(Set<String> known) {
        if (kind == Kind.NULL) {
            return this;
        }
        if (kind != Kind.MAPPING) {
            throw fail("is not a mapping of " + String.join(", ", new TreeSet<>(known)));
        }
        for (Map.Entry<String, YamlNode> entry : entries.entrySet()) {
            if (!known.contains(entry.getKey())) {
                YamlNode bad = entry.getValue();
                throw new ConfigurationException(source, bad.line, bad.path, "unknown key '" + entry.getKey()
                        + "' (value " + bad.describe(false) + "); known keys here: "
                        + String.join(", ", new TreeSet<>(known)), null);
            }
        }
        return this;
    }

    /**
     * Reads a scalar as a string.
     *
     * @return the text after substitution
     * @throws ConfigurationException if this is not a scalar
     */
    String string() {
        if (kind != Kind.SCALAR) {
            throw fail("is not a single value");
        }
        return text;
    }

    /**
     * Reads {@code true} or {@code false} (case ignored).
     *
     * @return the boolean
     * @throws ConfigurationException for anything else
     */
    boolean bool() {
        String value = string().strip().toLowerCase(Locale.ROOT);
        if (value.equals("true") || value.equals("false")) {
            return value.equals("true");
        }
        throw fail("is not true or false");
    }

    /**
     * Reads a non-negative whole number.
     *
     * @return the number
     * @throws ConfigurationException for anything else
     */
    long nonNegativeLong() {
        try {
            long value = Long.parseLong(string().strip().replace("_", ""));
            if (value >= 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            throw fail("is not a non-negative whole number", e);
        }
        throw fail("is not a non-negative whole number");
    }
}
