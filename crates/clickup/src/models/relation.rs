//! Dependencies and links between tasks. They arrive inside a task (`task.rs`: `Dependency`,
//! `LinkedTask`); a dependency is added and removed naming the other task the same way
//! ([`crate::models::NewDependency`]: `depends_on` or `dependency_of`, exactly one).
