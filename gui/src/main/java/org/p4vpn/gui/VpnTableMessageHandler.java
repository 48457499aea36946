package org.p4vpn.gui;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.common.collect.ImmutableSet;
import org.onosproject.ui.RequestHandler;
import org.onosproject.ui.UiMessageHandler;
import org.onosproject.ui.table.TableModel;
import org.onosproject.ui.table.TableRequestHandler;
import org.p4vpn.api.L3VpnService;
import org.p4vpn.api.RouteTarget;
import org.p4vpn.api.Site;
import org.p4vpn.api.VpnInstance;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Serves the VPN table view ({@value #VIEW_ID}): one row per VPN instance with its route
 * distinguisher, route targets, label mode, sites and PEs.
 */
public class VpnTableMessageHandler extends UiMessageHandler {

    /** The view's id (also its resources' folder under app/view/). */
    public static final String VIEW_ID = "p4vpnVpns";
    static final String DATA_REQUEST = "p4vpnVpnsDataRequest";
    static final String DATA_RESPONSE = "p4vpnVpnsDataResponse";
    static final String TABLE = "p4vpnVpns";

    static final String NAME = "name";
    static final String RD = "rd";
    static final String IMPORTS = "imports";
    static final String EXPORTS = "exports";
    static final String LABEL_MODE = "labelMode";
    static final String SITES = "sites";
    static final String PES = "pes";
    static final String DESCRIPTION = "description";
    static final String[] COLUMNS = {NAME, RD, IMPORTS, EXPORTS, LABEL_MODE, SITES, PES, DESCRIPTION};

    private final L3VpnService vpns;

    /**
     * Creates the handler.
     *
     * @param vpns VPN configuration
     */
    public VpnTableMessageHandler(L3VpnService vpns) {
        this.vpns = vpns;
    }

    @Override
    protected Collection<RequestHandler> createRequestHandlers() {
        return ImmutableSet.of(new VpnTable(vpns));
    }

    /** The table request handler: fills the model from the VPN service. */
    static final class VpnTable extends TableRequestHandler {
        private final L3VpnService vpns;

        VpnTable(L3VpnService vpns) {
            super(DATA_REQUEST, DATA_RESPONSE, TABLE);
            this.vpns = vpns;
        }

        @Override
        protected String defaultColumnId() {
            return NAME;
        }

        @Override
        protected String[] getColumnIds() {
            return COLUMNS.clone();
        }

        @Override
        protected String noRowsMessage(ObjectNode payload) {
            return "No VPN instances";
        }

        @Override
        protected void populateTable(TableModel tm, ObjectNode payload) {
            Collection<Site> sites = vpns.getSites();
            for (VpnInstance v : vpns.getVpnInstances()) {
                List<Site> own = sites.stream().filter(s -> s.vpn().equals(v.name())).collect(Collectors.toList());
                tm.addRow()
                        .cell(NAME, v.name())
                        .cell(RD, v.routeDistinguisher().toString())
                        .cell(IMPORTS, targets(v.importTargets()))
                        .cell(EXPORTS, targets(v.exportTargets()))
                        .cell(LABEL_MODE, v.labelMode().name())
                        .cell(SITES, own.stream().map(Site::name).sorted().collect(Collectors.joining(", ")))
                        .cell(PES, own.stream().map(s -> s.device().toString())
                                .collect(Collectors.toCollection(TreeSet::new)).stream()
                                .collect(Collectors.joining(", ")))
                        .cell(DESCRIPTION, v.description());
            }
        }

        private static String targets(Set<RouteTarget> rts) {
            return rts.stream().map(RouteTarget::toString).sorted().collect(Collectors.joining(", "));
        }
    }
}
