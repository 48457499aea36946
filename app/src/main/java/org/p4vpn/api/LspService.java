package org.p4vpn.api;

import java.util.Collection;

/**
 * The transport LSPs the device programmer last computed: one per ordered pair of PEs, with its
 * equal-cost primary paths, its backup and its state.
 */
public interface LspService {

    /**
     * Returns the LSPs.
     *
     * @return LSPs, empty before the first computation
     */
    Collection<Lsp> getLsps();
}
