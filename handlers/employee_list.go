package handlers

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"

	"github.com/gin-gonic/gin"

	"sinop/storage"
	"sinop/views"
)

// employeesPerPage is the length of one page of the register.
const employeesPerPage = 50

// employeeListPage is one page of the agency's register.
type employeeListPage struct {
	views.Base
	Employees []storage.EmployeeListItem
	Search    string
	Total     int
	Page      int
	Pages     int
	PrevURL   string
	NextURL   string
}

// employeeList shows the agency's active employees by name, a page at a time, optionally
// filtered by part of the name or the start of the NIK (query parameter q).
func (a *App) employeeList(c *gin.Context) error {
	search := c.Query("q")
	pageNumber, err := strconv.Atoi(c.DefaultQuery("page", "1"))
	if err != nil || pageNumber < 1 {
		pageNumber = 1
	}

	employees, total, err := a.Store.AgencyEmployees(c.Request.Context(), userAgencyID(c), search,
		employeesPerPage, (pageNumber-1)*employeesPerPage)
	if err != nil {
		return err
	}

	page := employeeListPage{
		Base:      a.base(c, "Pegawai non ASN", "employees"),
		Employees: employees,
		Search:    search,
		Total:     total,
		Page:      pageNumber,
		Pages:     max(1, (total+employeesPerPage-1)/employeesPerPage),
	}
	pageURL := func(n int) string {
		v := url.Values{"page": {strconv.Itoa(n)}}
		if search != "" {
			v.Set("q", search)
		}
		return fmt.Sprintf("/employees?%s", v.Encode())
	}
	if pageNumber > 1 {
		page.PrevURL = pageURL(pageNumber - 1)
	}
	if pageNumber < page.Pages {
		page.NextURL = pageURL(pageNumber + 1)
	}
	a.renderPage(c, http.StatusOK, "employee_list", "layout", page)
	return nil
}
