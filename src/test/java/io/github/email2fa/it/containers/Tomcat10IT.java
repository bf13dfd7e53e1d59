package io.github.email2fa.it.containers;

/** {@link TomcatIT} on Tomcat 10.1. */
class Tomcat10IT extends TomcatIT {

    @Override
    String version() {
        return Tomcat.V10_1;
    }
}
