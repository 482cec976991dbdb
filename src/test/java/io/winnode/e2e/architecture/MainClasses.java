package io.winnode.e2e.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * The project's main classes as ArchUnit reads them, imported once per test JVM for every class of
 * architecture rules. Test classes are left out: tests may reach across rooms to set up what they
 * check, and the rules' fixtures live there.
 */
public final class MainClasses {

    private static final JavaClasses ALL = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.winnode.e2e");

    private MainClasses() {
    }

    public static JavaClasses all() {
        return ALL;
    }
}
