import Geography
import Workflow

extension WorkflowDefinition.Level {
    /// Whether people holding roles at a unit of `unitLevel` act at this level of a workflow. The
    /// province's staff also act for the central step: they send the dossier up and record the
    /// answer that comes back.
    public func isServed(by unitLevel: AdminLevel) -> Bool {
        switch (unitLevel, self) {
        case (.commune, .commune), (.district, .district), (.province, .province), (.province, .central): true
        default: false
        }
    }
}
