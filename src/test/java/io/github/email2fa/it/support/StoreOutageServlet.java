package io.github.email2fa.it.support;

import com.example.accounts.OutageSimulatingAccountStore;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Test hook: {@code POST /public/store-outage?down=true|false} starts or ends the simulated database
 * outage; {@code deviceWritesDown=true|false} the outage of storing remembered devices only.
 */
public final class StoreOutageServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) {
        OutageSimulatingAccountStore.DOWN.set(Boolean.parseBoolean(request.getParameter("down")));
        OutageSimulatingAccountStore.DEVICE_WRITES_DOWN.set(Boolean.parseBoolean(request.getParameter("deviceWritesDown")));
        response.setStatus(HttpServletResponse.SC_NO_CONTENT);
    }
}
