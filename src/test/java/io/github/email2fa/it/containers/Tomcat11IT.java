package io.github.email2fa.it.containers;

/** {@link TomcatIT} on Tomcat 11. */
class Tomcat11IT extends TomcatIT {

    @Override
    String version() {
        return Tomcat.V11;
    }
}
