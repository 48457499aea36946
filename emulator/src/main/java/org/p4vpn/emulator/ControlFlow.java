package org.p4vpn.emulator;

import java.util.Map;

/**
 * Control-flow graph nodes of the JSON pipelines: tables, conditionals and action calls, with
 * BMv2's next-node rules (tables: {@code __HIT__}/{@code __MISS__} when present, otherwise the
 * next node of the action that ran, {@code base_default_next} when no action ran).
 */
final class ControlFlow {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ControlFlow.class);

    private ControlFlow() {
    }

    /** What nodes need from the running switch. */
    interface Runtime extends Primitive.ExecContext {
        MatchTable table(String name);

        ActionProfileState profile(String name);
    }

    abstract static class Node {
        final String name;

        Node(String name) {
            this.name = name;
        }

        /** Runs the node; returns the next one or null at the end of the pipeline. */
        abstract Node run(PacketState s, Runtime rt);

        abstract void resolve(Map<String, Node> nodes);

        static Node lookup(Map<String, Node> nodes, String name, String where) {
            if (name == null) {
                return null;
            }
            Node n = nodes.get(name);
            if (n == null) {
                throw new UnsupportedConstructException("unknown next node '" + name + "' of " + where);
            }
            return n;
        }
    }

    static final class TableNode extends Node {
        final TableDef def;
        private Map<Integer, Node> nextByActionId;
        private Node hitNext;
        private Node missNext;
        private Node baseDefaultNext;

        TableNode(TableDef def) {
            super(def.name);
            this.def = def;
        }

        @Override
        void resolve(Map<String, Node> nodes) {
            String where = "table '" + name + "'";
            nextByActionId = new java.util.HashMap<>();
            def.nextByActionId.forEach((id, n) -> nextByActionId.put(id, lookup(nodes, n, where)));
            hitNext = lookup(nodes, def.hitNext, where);
            missNext = lookup(nodes, def.missNext, where);
            baseDefaultNext = lookup(nodes, def.baseDefaultNext, where);
        }

        @Override
        Node run(PacketState s, Runtime rt) {
            MatchTable t = rt.table(name);
            MatchTable.Entry e = t.lookup(s);
            ActionDef action;
            BitValue[] params;
            if (LOG.isTraceEnabled()) {
                LOG.trace("table {}: {}", name, e == null ? "miss" : "hit " + e.key.fields);
            }
            if (e == null) {
                action = t.defaultAction;
                params = t.defaultParams;
                if (action != null) {
                    action.execute(s, params, rt);
                }
                if (def.hasMissNext) {
                    return missNext;
                }
                return action != null ? nextByActionId.get(action.id) : baseDefaultNext;
            }
            if (e.action != null) {
                action = e.action;
                params = e.params;
            } else {
                ActionProfileState p = rt.profile(def.actionProfile);
                ActionProfileState.Member m = e.memberId != null ? p.members.get(e.memberId)
                        : p.select(p.groups.get(e.groupId), s);
                if (m == null) {
                    // BMv2 logs "yielded empty group" and runs no action (next node undefined)
                    return def.hasHitNext ? hitNext : baseDefaultNext;
                }
                action = m.action;
                params = m.params;
            }
            action.execute(s, params, rt);
            return def.hasHitNext ? hitNext : nextByActionId.get(action.id);
        }
    }

    static final class ConditionalNode extends Node {
        private final Expr condition;
        private final String trueName;
        private final String falseName;
        private Node trueNext;
        private Node falseNext;

        ConditionalNode(String name, Expr condition, String trueName, String falseName) {
            super(name);
            this.condition = condition;
            this.trueName = trueName;
            this.falseName = falseName;
        }

        @Override
        void resolve(Map<String, Node> nodes) {
            trueNext = lookup(nodes, trueName, "conditional '" + name + "'");
            falseNext = lookup(nodes, falseName, "conditional '" + name + "'");
        }

        @Override
        Node run(PacketState s, Runtime rt) {
            boolean b = condition.bool(s, null);
            LOG.trace("condition {}: {}", name, b);
            return b ? trueNext : falseNext;
        }
    }

    static final class ActionCallNode extends Node {
        private final ActionDef action;
        private final String nextName;
        private Node next;

        ActionCallNode(String name, ActionDef action, String nextName) {
            super(name);
            this.action = action;
            this.nextName = nextName;
        }

        @Override
        void resolve(Map<String, Node> nodes) {
            next = lookup(nodes, nextName, "action call '" + name + "'");
        }

        @Override
        Node run(PacketState s, Runtime rt) {
            action.execute(s, new BitValue[0], rt);
            return next;
        }
    }

    /** Runs a pipeline from its first node, stopping at the end or when the packet exits. */
    static void runPipeline(Node first, PacketState s, Runtime rt) {
        Node n = first;
        int steps = 0;
        while (n != null) {
            if (s.exit) {
                return;
            }
            if (++steps > 1_000_000) {
                throw new PipelineAbortException("control flow does not terminate at " + n.name);
            }
            n = n.run(s, rt);
        }
    }
}
