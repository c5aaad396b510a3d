DROP TABLE IF EXISTS active_niks, candidate_documents;
ALTER TABLE IF EXISTS users DROP CONSTRAINT IF EXISTS users_employee_id_fkey;
DROP TABLE IF EXISTS employees, candidates, proposal_events, proposals, recommendation_requirements,
    recommendations, documents, sessions, users, positions, salary_standards, employee_classifications,
    education_levels, religions, agencies;
