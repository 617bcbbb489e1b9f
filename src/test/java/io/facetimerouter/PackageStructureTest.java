package io.facetimerouter;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Packages by feature, depending on each other in one direction only. */
class PackageStructureTest {

    private static JavaClasses service;

    @BeforeAll
    static void importTheService() {
        service = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.facetimerouter");
    }

    @Test
    void noPackagesDependOnEachOtherInACycle() {
        slices().matching("io.facetimerouter.(**)").should().beFreeOfCycles().check(service);
    }

    @Test
    void theCallModelDependsOnNothingElseOfTheService() {
        noClasses().that().resideInAPackage("io.facetimerouter.call..")
                .should().dependOnClassesThat(resideInAPackage("io.facetimerouter..")
                        .and(resideOutsideOfPackage("io.facetimerouter.call..")))
                .because("every feature uses the model, so the model can use none of them")
                .check(service);
    }
}
