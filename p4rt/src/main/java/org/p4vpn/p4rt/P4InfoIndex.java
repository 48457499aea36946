package org.p4vpn.p4rt;

import p4.config.v1.P4InfoOuterClass.Action;
import p4.config.v1.P4InfoOuterClass.ActionProfile;
import p4.config.v1.P4InfoOuterClass.ControllerPacketMetadata;
import p4.config.v1.P4InfoOuterClass.Counter;
import p4.config.v1.P4InfoOuterClass.DirectCounter;
import p4.config.v1.P4InfoOuterClass.MatchField;
import p4.config.v1.P4InfoOuterClass.P4Info;
import p4.config.v1.P4InfoOuterClass.Table;

import java.util.HashMap;
import java.util.Map;

/**
 * Looks P4Info objects up by name and id: tables with their match fields, actions with their
 * parameters, action profiles, counters, controller packet metadata. Names are the fully
 * qualified P4Info names (e.g. {@code IngressPipeImpl.vrf_fib.vrf_fib}); aliases work too.
 */
public final class P4InfoIndex {

    private final P4Info p4info;
    private final Map<String, Table> tables = new HashMap<>();
    private final Map<Integer, Table> tablesById = new HashMap<>();
    private final Map<String, Action> actions = new HashMap<>();
    private final Map<Integer, Action> actionsById = new HashMap<>();
    private final Map<String, ActionProfile> profiles = new HashMap<>();
    private final Map<Integer, ActionProfile> profilesById = new HashMap<>();
    private final Map<String, Counter> counters = new HashMap<>();
    private final Map<String, DirectCounter> directCounters = new HashMap<>();
    private final Map<String, ControllerPacketMetadata> packetMetadata = new HashMap<>();

    /**
     * Indexes a P4Info.
     *
     * @param p4info P4Info
     */
    public P4InfoIndex(P4Info p4info) {
        this.p4info = p4info;
        for (Table t : p4info.getTablesList()) {
            tables.put(t.getPreamble().getName(), t);
            tables.put(t.getPreamble().getAlias(), t);
            tablesById.put(t.getPreamble().getId(), t);
        }
        for (Action a : p4info.getActionsList()) {
            actions.put(a.getPreamble().getName(), a);
            actions.put(a.getPreamble().getAlias(), a);
            actionsById.put(a.getPreamble().getId(), a);
        }
        for (ActionProfile a : p4info.getActionProfilesList()) {
            profiles.put(a.getPreamble().getName(), a);
            profiles.put(a.getPreamble().getAlias(), a);
            profilesById.put(a.getPreamble().getId(), a);
        }
        p4info.getCountersList().forEach(c -> counters.put(c.getPreamble().getName(), c));
        p4info.getDirectCountersList().forEach(c -> directCounters.put(c.getPreamble().getName(), c));
        p4info.getControllerPacketMetadataList().forEach(m -> packetMetadata.put(m.getPreamble().getName(), m));
    }

    /**
     * Returns the P4Info.
     *
     * @return P4Info
     */
    public P4Info p4info() {
        return p4info;
    }

    /**
     * Returns a table by name.
     *
     * @param name name or alias
     * @return table
     * @throws IllegalArgumentException if there is none
     */
    public Table table(String name) {
        return found(tables.get(name), "table", name);
    }

    /**
     * Returns a table by id.
     *
     * @param id id
     * @return table
     */
    public Table table(int id) {
        return found(tablesById.get(id), "table id", id);
    }

    /**
     * Returns a match field of a table by name.
     *
     * @param table table
     * @param name  match field name
     * @return match field
     */
    public MatchField matchField(Table table, String name) {
        for (MatchField f : table.getMatchFieldsList()) {
            if (f.getName().equals(name)) {
                return f;
            }
        }
        throw new IllegalArgumentException("table " + table.getPreamble().getName() + " has no match field " + name);
    }

    /**
     * Returns an action by name.
     *
     * @param name name or alias
     * @return action
     */
    public Action action(String name) {
        return found(actions.get(name), "action", name);
    }

    /**
     * Returns an action by id.
     *
     * @param id id
     * @return action
     */
    public Action action(int id) {
        return found(actionsById.get(id), "action id", id);
    }

    /**
     * Returns a parameter of an action by name.
     *
     * @param action action
     * @param name   parameter name
     * @return parameter
     */
    public Action.Param param(Action action, String name) {
        for (Action.Param p : action.getParamsList()) {
            if (p.getName().equals(name)) {
                return p;
            }
        }
        throw new IllegalArgumentException("action " + action.getPreamble().getName() + " has no parameter " + name);
    }

    /**
     * Returns an action profile by name.
     *
     * @param name name or alias
     * @return profile
     */
    public ActionProfile actionProfile(String name) {
        return found(profiles.get(name), "action profile", name);
    }

    /**
     * Returns an action profile by id.
     *
     * @param id id
     * @return profile
     */
    public ActionProfile actionProfile(int id) {
        return found(profilesById.get(id), "action profile id", id);
    }

    /**
     * Returns an indirect counter by name.
     *
     * @param name name
     * @return counter
     */
    public Counter counter(String name) {
        return found(counters.get(name), "counter", name);
    }

    /**
     * Returns a direct counter by name.
     *
     * @param name name
     * @return direct counter
     */
    public DirectCounter directCounter(String name) {
        return found(directCounters.get(name), "direct counter", name);
    }

    /**
     * Returns the controller header with the given name ("packet_in", "packet_out").
     *
     * @param name name
     * @return metadata description
     */
    public ControllerPacketMetadata packetMetadata(String name) {
        return found(packetMetadata.get(name), "controller packet metadata", name);
    }

    private static <T> T found(T t, String what, Object key) {
        if (t == null) {
            throw new IllegalArgumentException("P4Info has no " + what + " " + key);
        }
        return t;
    }
}
